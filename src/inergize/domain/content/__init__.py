"""The content library: posts, carousels and banners with their versions, documents and moderation rules."""
