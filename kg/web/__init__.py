"""The web side of `evkg serve`: worker processes, page data and HTML templates."""
