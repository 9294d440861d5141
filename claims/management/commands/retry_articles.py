"""python manage.py retry_articles [ID...] [--failed] — run failed articles again."""

from django.core.management.base import BaseCommand, CommandError

from claims.models import Article, ArticleStatus
from claims.services.articles import article_retry


class Command(BaseCommand):
    help = "Put failed articles back in the pipeline, by id or all of them with --failed."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int)
        parser.add_argument("--failed", action="store_true", help="Retry every failed article.")

    def handle(self, *args, ids, failed, **options):
        if not ids and not failed:
            raise CommandError("Give article ids or --failed.")
        if failed:
            ids = [
                *ids,
                *Article.objects.filter(status=ArticleStatus.FAILED).values_list("pk", flat=True),
            ]
        unknown = sorted(
            set(ids) - set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
        )
        if unknown:
            raise CommandError(f"No article with id {', '.join(map(str, unknown))}.")
        for pk in sorted(set(ids)):
            article = article_retry(article_id=pk)
            article.refresh_from_db()
            self.stdout.write(f"Article {pk}: {article.status}")
