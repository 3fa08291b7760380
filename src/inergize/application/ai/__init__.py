"""AI content use cases: posts, carousels, banners, profile suggestions, renders, costs and templates."""
