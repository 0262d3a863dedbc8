from django.db import connections


def count_queries(get_response):
    """Says in an X-Queries header how many SQL statements produced the answer (those
    made before a streamed body starts)."""

    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = get_response(request)
        response["X-Queries"] = str(count)
        return response

    return middleware
