"""Route modules; each exposes ``ROUTES``. ``app.create_app`` mounts them all."""
