"""What is wrong with a file, said as "record N (line L), field F: message"."""

from dataclasses import dataclass


class InterchangeError(Exception):
    """The file cannot be imported; ``problems`` says everything that is wrong."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Problem:
    record: int | None
    line: int | None
    field: str | None
    message: str

    def __str__(self):
        where = []
        if self.record is not None:
            where.append(f"record {self.record}")
        if self.line is not None:
            where.append(f"(line {self.line})" if where else f"line {self.line}")
        text = " ".join(where)
        if self.field:
            text += f", field {self.field}" if text else f"field {self.field}"
        return f"{text}: {self.message}" if text else self.message
