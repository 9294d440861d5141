"""The web admin: articles, the claim queue, the claim page and the review dashboard."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from claims.admin.articles import ArticleAdmin
from claims.admin.claims import ClaimAdmin
from claims.releases.admin import DatasetReleaseAdmin

__all__ = ["ArticleAdmin", "ClaimAdmin", "DatasetReleaseAdmin"]

admin.site.site_header = _("factcheck review")
admin.site.site_title = _("factcheck")
admin.site.index_title = _("Review desk")
