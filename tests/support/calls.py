"""Counting the calls of a method while leaving its behaviour alone."""


def record_request_paths(monkeypatch, owner: type, name: str) -> list[str]:
    """The ``request.path`` of every call of ``owner.name(self, request, …)`` from now on,
    in a list that grows as the calls happen."""
    paths: list[str] = []
    original = getattr(owner, name)

    def recorded(self, request, *args, **kwargs):
        paths.append(request.path)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return paths
