"""Content negotiation with a short way for the common case.

Every API response is JSON. DRF's negotiation parses the ``Accept`` header and matches
it against each renderer on every request, about as much work as a cached read's own;
a request without ``Accept``, or with ``*/*``, and no ``?format=`` gets the first
renderer here directly, which is what DRF would choose. Anything else goes through
DRF's negotiation, so ``406 Not Acceptable`` and format overrides behave as before.
"""

from rest_framework.negotiation import DefaultContentNegotiation


class JSONFirstNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        accept = request.META.get("HTTP_ACCEPT", "*/*")
        if (
            renderers
            and accept == "*/*"
            and not format_suffix
            and self.settings.URL_FORMAT_OVERRIDE not in request.query_params
        ):
            return renderers[0], renderers[0].media_type
        return super().select_renderer(request, renderers, format_suffix)
