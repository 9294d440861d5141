"""A storage that keeps files in memory, like a remote bucket, and can be told to fail."""

from django.core.files.storage import InMemoryStorage


class FlakyStorage(InMemoryStorage):
    """Saving ``fail_on`` raises, as an upload to a bucket can halfway through a release."""

    def __init__(self, *args, fail_on: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fail_on = fail_on
        self.saved: list[str] = []

    def _save(self, name, content):
        if self.fail_on and name.endswith("/" + self.fail_on):
            raise OSError(f"connection reset while uploading {name}")
        self.saved.append(name)
        return super()._save(name, content)
