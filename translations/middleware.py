from translations import layer


class CorrectionsMiddleware:
    """Before each request, take up any translation correction made since this process's last."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        layer.refresh()
        return self.get_response(request)
