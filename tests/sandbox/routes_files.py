"""Image files (`storageN/files/photo/Y/M/D/<size>/<file>.jpg`) and coverage tiles."""

from .envelopes import Response, plain
from .images import draw_photo, resize_jpeg, tile_png
from .records import uploaded_photo_path
from .tiles import MAX_TILE_ZOOM, cache_key, tile_filters, tile_lines

FOLDERS = {"proc": "proc", "lth": "lth", "th": "th", "wrapped_proc": "proc", "wrapped_lth": "lth"}


def _not_found():
    return plain(404, "Not Found\n")


def _jpeg(data):
    return Response(200, data, "image/jpeg")


def _world_image(app, photo, relative, folder):
    size, is_360 = FOLDERS[folder], app.world.is_360(photo)
    expected = photo["name"].replace("/proc/", "/{}/".format(folder))
    if relative != expected or (folder.startswith("wrapped_") and not is_360):
        return _not_found()
    if size == "lth" and int(photo["id"]) in app.world.missing_lth:
        return _not_found()  # like many real lth files (openstreetcam.org #398)
    key = "photo/{}/{}/{}/{}".format(photo["sequence_id"], photo["sequence_index"], size, is_360)
    return _jpeg(app.images.get(key, lambda: draw_photo(photo["sequence_id"], photo["sequence_index"], size, is_360)))


def _uploaded_image(app, record, relative, folder):
    # Panoramas (sent with projection=SPHERE) are served from the wrapped_ folders, as the world's.
    is_360 = (record["fields"].get("projection") or "").upper() == "SPHERE"
    if (folder.startswith("wrapped_") and not is_360) or relative != uploaded_photo_path(record, folder):
        return _not_found()
    size = FOLDERS[folder]
    with open(record["file_path"], "rb") as handle:
        data = handle.read()
    if size == "proc":
        return _jpeg(data)
    return _jpeg(app.images.get("upload/{}/{}".format(record["id"], size), lambda: resize_jpeg(data, size)))


def image_file(app, req, folder, file_name):
    relative = req.path.lstrip("/")
    photo = app.world.photo_by_file(file_name)
    if photo is not None:
        return _world_image(app, photo, relative, folder)
    record = app.store.photo_by_stored_name(file_name)
    if record is not None:
        return _uploaded_image(app, record, relative, folder)
    return _not_found()


def coverage_tile(app, req, x, y, z):
    x, y, z = int(x), int(y), int(z)
    if z > MAX_TILE_ZOOM or x >= 2 ** z or y >= 2 ** z:
        return _not_found()
    filters = tile_filters(req.params)
    png = app.images.get(cache_key(x, y, z, filters),
                         lambda: tile_png(tile_lines(app.world, x, y, z, filters), x, y, z))
    return Response(200, png, "image/png")


ROUTES = [
    ("GET", r"/storage\d+/files/photo/\d{4}/\d{1,2}/\d{1,2}/(proc|lth|th|wrapped_proc|wrapped_lth)/([^/]+\.jpg)",
     image_file),
    ("GET", r"/2\.0/sequence/tiles/(\d+)/(\d+)/(\d+)\.png", coverage_tile),
]
