# One image for the web server and the Celery worker (docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .

COPY . .
RUN SECRET_KEY=build-only python manage.py collectstatic --no-input

USER nobody
EXPOSE 8000
# gunicorn reads its worker count from WEB_CONCURRENCY: (2 x cores) + 1, gunicorn's own
# advice, so that a worker waiting on PostgreSQL or Redis leaves its core to another.
# 5 suits the 2-core hosts this is sized for; set it per host.
ENV WEB_CONCURRENCY=5
CMD ["gunicorn", "factcheck.wsgi", "--bind", "0.0.0.0:8000"]
