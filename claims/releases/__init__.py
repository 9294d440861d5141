"""Verified-dataset releases: immutable, versioned, checksummed snapshots of verified claims.

Modules: ``models`` (the release row), ``filters`` and ``selectors`` (which claims),
``formats`` (one writer per file), ``build`` (streaming the files), ``storage``
(staging and atomic publication), ``services`` (create, build, publish), ``verify``.
"""
