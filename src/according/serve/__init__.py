"""The analyst's workbench in the browser: a FastAPI app over an archive (``according serve``).

``according.serve.app.create_app(db, token=...)`` builds the app; the web dependencies come with the
``serve`` extra (``pip install 'according[serve]'``).
"""
