"""LinkedIn: connections, OAuth, posts, the network, errors, exports, API versions and profile scores."""
