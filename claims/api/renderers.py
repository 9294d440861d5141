"""A JSON renderer built on orjson: the same output as DRF's, several times faster."""

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_encoder = JSONEncoder()


class FastJSONRenderer(JSONRenderer):
    """Renders with orjson, falling back to DRF's encoder for types orjson does not know."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return orjson.dumps(
            data, default=_encoder.default, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_UTC_Z
        )
