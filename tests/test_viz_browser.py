"""The pages of `warta viz` in headless Chromium (Debian's chromium with chromedriver, through Selenium):
what is drawn, the in-page filters, no console errors, no network requests, tooltips that run nothing."""

from __future__ import annotations

import json
import os
import shutil
import struct
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_viz import XSS_TITLE, embedded, write_xss_store
from warta import viz
from warta.store import GraphStore


def _find(name: str, *paths: str) -> str | None:
    for path in paths:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    return shutil.which(name)


CHROMIUM = _find("chromium", "/usr/bin/chromium")
CHROMEDRIVER = _find("chromedriver", "/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium at /usr/bin/chromium (Debian: apt-get install chromium chromium-driver)",
)

FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,900",
)


def make_driver(profile: Path) -> Any:
    """Headless Chromium through chromedriver, logging the console and the DevTools network events."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if CHROMEDRIVER is None:
        pytest.fail("Chromium is installed but chromedriver is not (Debian: apt-get install chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not look for drivers online
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    browser = make_driver(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, dev_store: GraphStore) -> dict[str, Path]:
    """Pages of the dev store, and of a store whose article title is an XSS payload."""
    folder = tmp_path_factory.mktemp("pages")
    found = {}
    for view in ("regions", "entities"):
        found[view] = folder / f"{view}.html"
        viz.write_html(dev_store, found[view], view)
    found["umkm"] = folder / "umkm.html"
    viz.write_html(dev_store, found["umkm"], "regions", {"sector": "umkm"})
    xss_path = write_xss_store(tmp_path_factory.mktemp("xss"))
    with GraphStore.open(xss_path, read_only=True) as store:
        for view in ("regions", "entities"):
            found[f"xss-{view}"] = folder / f"xss-{view}.html"
            viz.write_html(store, found[f"xss-{view}"], view)
    return found


# --- helpers ----------------------------------------------------------------------------------------------


def open_page(driver: Any, path: Path, timeout: float = 60.0) -> None:
    """Open a page (after draining the logs of earlier pages) and wait until vis-network has drawn it."""
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while not driver.execute_script("return window.__wartaReady === true"):
        if time.monotonic() > deadline:
            raise AssertionError(f"{path.name} was not drawn within {timeout} s: {severe(driver)}")
        time.sleep(0.05)


def severe(driver: Any) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def requests_made(driver: Any, page: Path) -> list[str]:
    """URLs the page asked for: DevTools network events other than the page itself, and resource timings."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url != page.resolve().as_uri():
                urls.append(url)
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
    )
    return urls + list(resources)


def shown(driver: Any) -> tuple[int, int]:
    counts = driver.execute_script("return window.__warta.shown()")
    return counts["nodes"], counts["edges"]


def select(driver: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", element_id)).select_by_value(value)
    time.sleep(0.05)


def hold_still(driver: Any) -> None:
    """Stop the physics simulation, so nodes stay where they are found."""
    driver.execute_script("window.__warta.network.stopSimulation()")


def hover(driver: Any, x: float, y: float) -> None:
    """Move the mouse to DOM point (x, y) of the network's canvas."""
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = driver.find_element("css selector", "#network canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).perform()


def node_point(driver: Any, node_id: str) -> tuple[float, float]:
    point = driver.execute_script(
        "var n = window.__warta.network; var id = arguments[0];"
        "return n.canvasToDOM(n.getPositions([id])[id]);",
        node_id,
    )
    return point["x"], point["y"]


def edge_point(driver: Any, edge_id: str) -> tuple[float, float]:
    """A point on the canvas where vis-network finds the edge (searched along and across its chord)."""
    point = driver.execute_script(
        """
        var n = window.__warta.network, id = arguments[0];
        var ends = n.getConnectedNodes(id), p = n.getPositions(ends);
        var a = n.canvasToDOM(p[ends[0]]), b = n.canvasToDOM(p[ends[1]]);
        for (var t = 0.5; t < 0.9; t += 0.05) {
          for (var d = -30; d <= 30; d += 2) {
            var len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
            var q = {x: a.x + (b.x - a.x) * t - (b.y - a.y) / len * d,
                     y: a.y + (b.y - a.y) * t + (b.x - a.x) / len * d};
            if (n.getEdgeAt(q) === id && n.getNodeAt(q) === undefined) { return q; }
          }
        }
        return null;
        """,
        edge_id,
    )
    assert point is not None, f"cannot find edge {edge_id} on the canvas"
    return point["x"], point["y"]


def tooltip(driver: Any, timeout: float = 5.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        found = driver.execute_script(
            "var t = document.getElementById('tooltip');"
            "return {hidden: t.hidden, text: t.textContent, elements: t.querySelectorAll('*').length,"
            " html: t.querySelectorAll('img, script, iframe, b, i, svg').length};"
        )
        if not found["hidden"] or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def png_colours(png: bytes) -> int:
    """The number of distinct colours of an 8-bit RGB or RGBA PNG (Chromium's screenshots)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], None
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour_type, *_ = header
    assert depth == 8 and colour_type in (2, 6)
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    colours = set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + predictor) & 0xFF
        colours.update(bytes(line[i : i + 3]) for i in range(0, stride, channels * 4))  # every 4th pixel
        previous = line
    return len(colours)


# --- tests ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["regions", "entities", "umkm"])
def test_page_draws_the_graph(driver: Any, pages: dict[str, Path], page: str) -> None:
    open_page(driver, pages[page])
    data = embedded(pages[page].read_text(encoding="utf-8"))
    assert shown(driver) == (len(data["nodes"]), len(data["edges"]))
    assert driver.execute_script("return window.__warta.network.body.data.nodes.length") == len(data["nodes"])
    assert driver.execute_script("return window.__warta.network.body.data.edges.length") == len(data["edges"])
    assert driver.execute_script("return typeof vis.Network") == "function"
    counts = driver.find_element("id", "counts").text
    assert f"{len(data['nodes'])} " in counts and f"{len(data['visits'])} visits" in counts
    assert severe(driver) == []
    assert requests_made(driver, pages[page]) == []


def test_no_request_even_when_asked(driver: Any, pages: dict[str, Path]) -> None:
    """The page's Content-Security-Policy refuses any request a script (or injected markup) might make."""
    open_page(driver, pages["regions"])
    blocked = driver.execute_async_script(
        """
        var done = arguments[arguments.length - 1];
        fetch("https://example.invalid/x").then(function () { done("fetched"); },
                                                function () { done("blocked"); });
        """
    )
    assert blocked == "blocked"
    assert [u for u in requests_made(driver, pages["regions"]) if u.startswith("http")] == []


def test_in_page_filters_regions(driver: Any, pages: dict[str, Path], dev_store: GraphStore) -> None:
    open_page(driver, pages["regions"])
    everything = shown(driver)

    def expected(**filters: Any) -> tuple[int, int]:
        data = viz.graph_data(dev_store, "regions", filters)
        return len(data["nodes"]), len(data["edges"])

    select(driver, "sector-filter", "umkm")
    assert shown(driver) == expected(sector="umkm") != everything
    select(driver, "year-filter", "2025")
    assert shown(driver) == expected(sector="umkm", year=2025)
    select(driver, "sector-filter", "")
    assert shown(driver) == expected(year=2025)
    select(driver, "year-filter", "2024")
    assert shown(driver) == expected(year=2024) != everything
    assert f"{len(viz.graph_data(dev_store, 'regions', {'year': 2024})['visits'])} visits" in (
        driver.find_element("id", "counts").text
    )
    # edge widths follow the visits left
    widths = driver.execute_script(
        "return window.__warta.edges.get({filter: function (e) { return !e.hidden; }})"
        ".map(function (e) { return e.width; })"
    )
    assert widths and all(w >= 1 for w in widths)
    select(driver, "year-filter", "")
    assert shown(driver) == everything
    # colour by sector: the legend lists sectors instead of provinces
    select(driver, "colour-by", "sector")
    legend = driver.find_element("id", "legend").text
    assert "UMKM" in legend
    select(driver, "colour-by", "province")
    assert "Kalimantan Tengah" in driver.find_element("id", "legend").text
    assert severe(driver) == []


def test_in_page_filters_entities(driver: Any, pages: dict[str, Path], dev_store: GraphStore) -> None:
    open_page(driver, pages["entities"])
    everything = shown(driver)
    for sector, year in (("umkm", None), (None, 2024), ("pariwisata", 2022)):
        select(driver, "sector-filter", sector or "")
        select(driver, "year-filter", str(year) if year else "")
        data = viz.graph_data(dev_store, "entities", {"sector": sector, "year": year})
        assert shown(driver) == (len(data["nodes"]), len(data["edges"])), (sector, year)
        assert shown(driver) != everything
    select(driver, "sector-filter", "")
    select(driver, "year-filter", "")
    assert shown(driver) == everything
    legend = driver.find_element("id", "legend").text
    for label in ("Region", "Official", "Visit", "Sector", "Article", "ledBy", "reports"):
        assert label in legend
    assert not driver.find_element("id", "colour-control").is_displayed()
    assert severe(driver) == []


@pytest.mark.parametrize("view", ["regions", "entities"])
def test_xss_payload_shows_as_text(driver: Any, pages: dict[str, Path], view: str) -> None:
    page = pages[f"xss-{view}"]
    open_page(driver, page)
    hold_still(driver)
    data = embedded(page.read_text(encoding="utf-8"))
    targets = [("node", n["id"]) for n in data["nodes"]] + [("edge", e["id"]) for e in data["edges"]]
    seen_title = False
    for what, item in targets:
        hover(driver, 5, 5)  # off everything first, so each target gets a fresh hover
        x, y = node_point(driver, item) if what == "node" else edge_point(driver, item)
        hover(driver, x, y)
        found = tooltip(driver)
        assert not found["hidden"], (what, item)
        assert found["html"] == 0  # nothing from the data became an element
        seen_title = seen_title or XSS_TITLE in found["text"]
        assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert seen_title
    # click a visit (an edge of the regions view, a node of the entities view): details with the evidence
    from selenium.webdriver.common.action_chains import ActionChains

    if view == "regions":
        hover(driver, *edge_point(driver, data["edges"][0]["id"]))
    else:
        visit = next(n["id"] for n in data["nodes"] if n["kind"] == "visit")
        hover(driver, *node_point(driver, visit))
    ActionChains(driver).click().perform()
    details = driver.execute_script(
        "var d = document.getElementById('details');"
        "return {text: d.textContent, html: d.querySelectorAll('img, script, iframe, b, i').length,"
        " links: Array.from(d.querySelectorAll('a')).map(function (a) { return a.href; })};"
    )
    assert XSS_TITLE in details["text"] and "<script>alert(1)</script>" in details["text"]
    assert details["html"] == 0
    assert details["links"] == []  # the article's javascript: URL is not made a link
    time.sleep(0.3)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert severe(driver) == []
    assert requests_made(driver, page) == []


def test_article_links(driver: Any, pages: dict[str, Path]) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(driver, pages["entities"])
    hold_still(driver)
    data = embedded(pages["entities"].read_text(encoding="utf-8"))
    article = next(
        n["id"] for n in data["nodes"] if n["kind"] == "article" and (data["articles"][n["id"]]["url"] or "")
    )
    driver.execute_script("window.__warta.network.focus(arguments[0], {scale: 1.5})", article)
    time.sleep(0.2)
    hover(driver, *node_point(driver, article))
    ActionChains(driver).click().perform()
    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('#details a')).map(function (a) {"
        " return [a.getAttribute('href'), a.rel, a.target]; })"
    )
    assert links and links[0][0] == data["articles"][article]["url"]
    assert links[0][1] == "noopener noreferrer" and links[0][2] == "_blank"
    assert requests_made(driver, pages["entities"]) == []


@pytest.mark.parametrize("page", ["regions", "entities"])
def test_screenshot_is_not_blank(driver: Any, pages: dict[str, Path], page: str) -> None:
    open_page(driver, pages[page])
    time.sleep(0.2)
    assert png_colours(driver.get_screenshot_as_png()) > 20
