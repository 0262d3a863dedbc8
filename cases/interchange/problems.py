"""What is wrong with a file, said as "record N (line L), field F: message"."""

import re
from dataclasses import dataclass

# Characters no database column can hold, nor a report print: NUL and unpaired surrogates.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def printable(text):
    """``text`` with those characters written as escapes, so a report prints anywhere."""
    return UNSTORABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


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
        return printable(f"{text}: {self.message}" if text else self.message)
