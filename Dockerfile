# The dashboard as one container: runtime dependencies only, files owned by root and read-only,
# served by an unprivileged user. Build: docker build -t us-mx-explorer .   (see docs/deploy.md)
FROM python:3.12-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

# An unprivileged user with a home directory (Streamlit looks for ~/.streamlit) and nothing else.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first so code edits do not re-run pip. Runtime pins only: requirements.txt, with
# constraints.txt fixing every transitive version (its dev entries constrain, they install nothing).
COPY requirements.txt constraints.txt ./
RUN pip install -r requirements.txt -c constraints.txt

# The app and its data. Everything stays owned by root, so the app user can read but not change it:
# the data is baked into the image and read-only.
COPY app.py ./
COPY .streamlit/config.toml .streamlit/config.toml
COPY components/ components/
COPY pages/ pages/
COPY data/ data/
# The upload section offers docs/framework-template.yaml and docs/contributing.md for download.
COPY docs/ docs/
# Byte-code compiled now, since the app user cannot write __pycache__ at run time.
RUN python -m compileall -q /app && chmod -R a-w /app

USER app
EXPOSE 8501

# slim has no curl: ask Streamlit's health endpoint with the standard library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

# config.toml binds 127.0.0.1; inside a container the server must listen on every interface.
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501"]
