import pytest
from pytest_httpserver import HTTPServer

from newssite import serve_site


@pytest.fixture
def httpserver():
    """pytest-httpserver answering requests in threads, so that a slow page delays nothing but itself."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def site(httpserver):
    """The base URL of the test news site: robots.txt, a feed and two articles."""
    return serve_site(httpserver)
