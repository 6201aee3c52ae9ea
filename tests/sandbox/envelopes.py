"""KartaView's JSON envelopes, with their quirks: 1.0 apiCode is a string and messages start with a
space (the server splits "600: The request ..." on ':'); 2.0 apiCode is an integer. Errors are
HTTP 400 with a body holding `status` only."""

import json

MESSAGES = {
    600: "The request has been processed without incidents",
    601: "The request has an empty response",
    610: "Missing required argument",
    611: "Wrong argument type",
    612: "Argument out of range",
    613: "Invalid request body",
    618: "You are not allowed to access this resource",
    660: "You are not allowed to add a duplicate entry",
    671: "Incorrect status",
    690: "An unexpected server error has occurred",
    401: "You have to be authenticated in order to access this method",
    408: "Query timeout",
}


class Response:
    def __init__(self, status, body, content_type="application/json; charset=utf-8", api_code=None, headers=None):
        self.status, self.body, self.content_type, self.api_code = status, body, content_type, api_code
        self.headers = headers or {}


class ApiError(Exception):
    """A KartaView error answer; `field` is appended to the message as " (field)"."""

    def __init__(self, api_code, field=None, http_status=400):
        super().__init__(api_code)
        self.api_code, self.field, self.http_status = api_code, field, http_status

    def response(self, v2=False):
        message = MESSAGES.get(self.api_code, "Error")
        if self.field:
            message += " ({})".format(self.field)
        http_message = "Bad Request" if self.http_status == 400 else "Internal Server Error"
        status = (_status_v2(self.api_code, message, self.http_status, http_message) if v2
                  else _status_v1(self.api_code, " " + message, self.http_status, http_message))
        return _json(self.http_status, {"status": status}, self.api_code)


def _status_v1(code, message, http_code=200, http_message="Success"):
    return {"apiCode": str(code), "apiMessage": message, "httpCode": http_code, "httpMessage": http_message}


def _status_v2(code, message, http_code=200, http_message="Success"):
    return {"apiCode": code, "apiMessage": message, "httpCode": http_code, "httpMessage": http_message}


def _json(status, payload, api_code):
    return Response(status, json.dumps(payload).encode(), api_code=api_code)


def ok_v1(osv):
    return _json(200, {"status": _status_v1(600, " {} ".format(MESSAGES[600])), "osv": osv}, 600)


def ok_v1_list(items, total, **extra):
    """A 1.0 list: items at the top level, the total as a one-element array of a string."""
    payload = {"status": _status_v1(600, " {} ".format(MESSAGES[600])), "currentPageItems": items,
               "totalFilteredItems": [str(total)]}
    payload.update(extra)
    return _json(200, payload, 600)


def ok_v2(data, has_more=None):
    result = {"data": data}
    if has_more is not None:
        result["hasMoreData"] = has_more
    return _json(200, {"status": _status_v2(600, MESSAGES[600]), "result": result}, 600)


def plain(status, text, content_type="text/plain; charset=utf-8", api_code=None):
    return Response(status, text.encode(), content_type, api_code)


def json_response(status, payload):
    """Plain JSON, no KartaView envelope (the OAuth2 stand-in, the control routes)."""
    return Response(status, json.dumps(payload).encode())
