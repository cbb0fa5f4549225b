"""Draws Confidant's body-map outlines: writes the four SVGs in Sources/ConfidantWeb/Public/bodymap (needs numpy and shapely; check them with tests/browser/bodymap_check.py)."""
import math
import os
import sys
import numpy as np
import shapely
from shapely.geometry import Polygon, LineString, box, Point
from shapely.ops import unary_union
from shapely import affinity

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "ConfidantWeb", "Public", "bodymap")
CX = 100.0


# ---------------------------------------------------------------- curves

def cr_segment(p0, p1, p2, p3, n, alpha=0.5):
    """Centripetal Catmull-Rom between p1 and p2 (n points, excluding p2)."""
    def tj(ti, a, b):
        d = math.hypot(b[0] - a[0], b[1] - a[1])
        return ti + max(d, 1e-6) ** alpha
    t0 = 0.0
    t1 = tj(t0, p0, p1)
    t2 = tj(t1, p1, p2)
    t3 = tj(t2, p2, p3)
    out = []
    for i in range(n):
        t = t1 + (t2 - t1) * i / n
        a1 = [((t1 - t) * p0[k] + (t - t0) * p1[k]) / (t1 - t0) for k in (0, 1)]
        a2 = [((t2 - t) * p1[k] + (t - t1) * p2[k]) / (t2 - t1) for k in (0, 1)]
        a3 = [((t3 - t) * p2[k] + (t - t2) * p3[k]) / (t3 - t2) for k in (0, 1)]
        b1 = [((t2 - t) * a1[k] + (t - t0) * a2[k]) / (t2 - t0) for k in (0, 1)]
        b2 = [((t3 - t) * a2[k] + (t - t1) * a3[k]) / (t3 - t1) for k in (0, 1)]
        c = [((t2 - t) * b1[k] + (t - t1) * b2[k]) / (t2 - t1) for k in (0, 1)]
        out.append(tuple(c))
    return out


def smooth_open(pts, step=0.6):
    pts = [tuple(p) for p in pts]
    if len(pts) < 3:
        return pts
    ghost0 = (2 * pts[0][0] - pts[1][0], 2 * pts[0][1] - pts[1][1])
    ghostn = (2 * pts[-1][0] - pts[-2][0], 2 * pts[-1][1] - pts[-2][1])
    ext = [ghost0] + pts + [ghostn]
    out = []
    for i in range(1, len(ext) - 2):
        d = math.hypot(ext[i + 1][0] - ext[i][0], ext[i + 1][1] - ext[i][1])
        out += cr_segment(ext[i - 1], ext[i], ext[i + 1], ext[i + 2], max(2, int(d / step)))
    out.append(pts[-1])
    return out


def smooth_closed(pts, step=0.6):
    pts = [tuple(p) for p in pts]
    n = len(pts)
    out = []
    for i in range(n):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[(i + 1) % n], pts[(i + 2) % n]
        d = math.hypot(p2[0] - p1[0], p2[1] - p1[1])
        out += cr_segment(p0, p1, p2, p3, max(2, int(d / step)))
    return out


def smooth_with_corners(items, step=0.6):
    """items: list of (x, y, corner). Runs between corners are smoothed; corners stay sharp."""
    out = []
    run = [items[0][:2]]
    for it in items[1:]:
        run.append(it[:2])
        if it[2]:
            seg = smooth_open(run, step)
            out += seg if not out else seg[1:]
            run = [it[:2]]
    if len(run) > 1:
        seg = smooth_open(run, step)
        out += seg if not out else seg[1:]
    return out


# ---------------------------------------------------------------- geometry helpers

def unit(v):
    d = math.hypot(v[0], v[1])
    return (v[0] / d, v[1] / d)


def lateral(d):
    """Normal pointing away from the midline for the viewer-right half (x > 0)."""
    return (d[1], -d[0])


def along(a, b, t):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def offset(p, n, w):
    return (p[0] + n[0] * w, p[1] + n[1] * w)


def limb_points(a, b, stations, side):
    """stations: list of (t, halfwidth); side +1 lateral, -1 medial."""
    d = unit((b[0] - a[0], b[1] - a[1]))
    n = lateral(d)
    return [offset(along(a, b, t), n, side * w) for t, w in stations]


def local_shape(origin, d, pts, mirror_v=False):
    d = unit(d)
    n = lateral(d)
    out = []
    for u, v in pts:
        out.append((origin[0] + d[0] * u + n[0] * v, origin[1] + d[1] * u + n[1] * v))
    return out


def strip(a, d, t0, t1, reach=60):
    """Quadrilateral between the lines perpendicular to direction d at distances t0 and t1 from a."""
    d = unit(d)
    n = lateral(d)
    p0 = (a[0] + d[0] * t0, a[1] + d[1] * t0)
    p1 = (a[0] + d[0] * t1, a[1] + d[1] * t1)
    return Polygon([offset(p0, n, -reach), offset(p0, n, reach), offset(p1, n, reach), offset(p1, n, -reach)])


def halfplane_beyond(p, d, reach=400):
    """Everything beyond the line through p perpendicular to d (in direction d)."""
    return strip(p, d, 0, reach, reach)


def mirror_pts(pts):
    return [(-x, y) for x, y in pts]


def to_abs(pts):
    return [(CX + x, y) for x, y in pts]


def mirror_geom(g):
    return affinity.scale(g, xfact=-1, yfact=1, origin=(CX, 0))


# ---------------------------------------------------------------- figures

ADULT = dict(
    kind="adult",
    head=dict(cy=39.0, rx=18.6, ry=26.5, jaw=0.50, chin=0.30),
    face_oval=(0.22, 0.80, 0.84),
    ears=dict(dx=18.0, dy=2.5, rx=3.0, ry=6.6),
    neck=dict(w=10.2, top=52.0),
    trap=[(10.5, 67.0), (11.5, 70.5), (15.5, 74.0), (24.0, 77.6), (31.0, 80.2)],
    deltoid=dict(r=13.0, r0=9.4, angles=(60, 40, 20, 0)),
    S=(38.5, 92.0), E=(55.6, 166.0), W=(71.1, 224.0), hand_len=1.10, hand_wid=1.05, hand_turn=4.0,
    arm_lat_up=[(0.22, 9.0), (0.5, 8.1), (0.75, 7.4), (1.0, 6.9)],
    arm_lat_lo=[(0.2, 7.6), (0.48, 6.8), (0.78, 5.7), (1.0, 5.1)],
    arm_med_lo=[(1.0, 4.9), (0.78, 5.4), (0.48, 6.5), (0.2, 7.1)],
    arm_med_up=[(1.0, 6.4), (0.75, 7.0), (0.5, 7.6), (0.3, 7.9)],
    armpit=(30.6, 111.0),
    torso=[(30.3, 118.0), (29.8, 130.0), (28.6, 144.0), (27.4, 158.0), (27.6, 172.0), (29.6, 186.0), (32.2, 199.0),
           (33.4, 212.0)],
    H=(17.2, 214.0), K=(17.7, 311.0), A=(19.0, 407.0),
    leg_lat_up=[(0.12, 16.6), (0.32, 15.2), (0.56, 13.9), (0.8, 12.0), (1.0, 10.6)],
    leg_lat_lo=[(0.1, 10.9), (0.28, 11.9), (0.48, 10.6), (0.7, 8.4), (0.88, 6.4), (1.0, 5.9)],
    leg_med_lo=[(1.0, 5.7), (0.88, 6.0), (0.72, 7.5), (0.5, 9.6), (0.32, 10.6), (0.15, 10.2), (0.04, 9.5)],
    leg_med_up=[(1.0, 9.3), (0.8, 9.7), (0.55, 11.7), (0.3, 13.3), (0.14, 14.3)],
    crotch=(0.0, 226.0),
    foot=(1.15, 0.95),
    # region cut positions
    collar_front=[(12.2, 72.0), (7.0, 76.5), (0.0, 78.5)],
    collar_back=[(12.2, 72.0), (6.0, 73.8), (0.0, 74.2)],
    shoulder_border=[(30.6, 111.0), (29.0, 101.0), (25.0, 89.0), (18.5, 79.5), (12.2, 72.0)],
    deltoid_t=0.30,
    chest_line=[(40, 150.0), (27.0, 150.0), (14.0, 145.5), (0.0, 141.0)],
    upperback_line=[(40, 149.0), (0.0, 149.0)],
    abdomen_line=[(40, 190.0), (29.0, 190.0), (14.0, 193.0), (0.0, 194.0)],
    lowerback_line=[(40, 191.0), (29.0, 191.0), (14.0, 194.5), (0.0, 196.0)],
    groin_line=[(34.0, 197.0), (24.0, 211.0), (10.0, 224.0), (0.0, 230.0)],
    gluteal_line=[(34.0, 227.0), (27.0, 234.0), (16.0, 237.5), (6.0, 236.5), (0.0, 233.0)],
    elbow_half=8.5, knee_half=11.0,
)

CHILD = dict(
    kind="child",
    head=dict(cy=48.0, rx=26.5, ry=36.0, jaw=0.42, chin=0.36),
    face_oval=(0.30, 0.80, 0.78),
    ears=dict(dx=25.6, dy=4.0, rx=3.6, ry=7.8),
    neck=dict(w=10.8, top=70.0),
    trap=[(11.2, 86.0), (12.2, 90.0), (17.0, 93.4), (24.5, 96.2), (30.0, 98.6)],
    deltoid=dict(r=13.5, r0=9.9, angles=(60, 40, 20, 0)),
    S=(34.6, 111.0), E=(51.2, 172.8), W=(66.4, 222.5), hand_len=0.86, hand_wid=1.08, hand_turn=4.0,
    arm_lat_up=[(0.22, 9.6), (0.5, 9.0), (0.75, 8.5), (1.0, 8.0)],
    arm_lat_lo=[(0.2, 8.2), (0.48, 7.7), (0.78, 6.9), (1.0, 6.2)],
    arm_med_lo=[(1.0, 6.0), (0.78, 6.6), (0.48, 7.4), (0.2, 7.8)],
    arm_med_up=[(1.0, 7.6), (0.75, 8.0), (0.5, 8.4), (0.3, 8.6)],
    armpit=(28.2, 127.0),
    torso=[(28.4, 134.0), (28.9, 147.0), (29.2, 162.0), (29.4, 177.0), (30.0, 192.0), (31.0, 205.0), (32.4, 218.0),
           (33.6, 230.0)],
    H=(17.2, 234.0), K=(17.6, 322.0), A=(18.6, 409.0),
    leg_lat_up=[(0.12, 17.4), (0.32, 16.8), (0.56, 15.6), (0.8, 14.0), (1.0, 12.9)],
    leg_lat_lo=[(0.12, 12.8), (0.3, 13.0), (0.5, 12.0), (0.72, 10.0), (0.88, 7.8), (1.0, 7.2)],
    leg_med_lo=[(1.0, 7.0), (0.88, 7.3), (0.72, 8.9), (0.45, 10.8), (0.25, 11.3), (0.08, 11.3)],
    leg_med_up=[(1.0, 11.4), (0.8, 12.2), (0.55, 13.6), (0.3, 14.9), (0.14, 15.9)],
    crotch=(0.0, 245.0),
    foot=(1.1, 0.9),
    collar_front=[(13.0, 91.0), (7.5, 95.0), (0.0, 96.5)],
    collar_back=[(13.0, 91.0), (6.0, 92.5), (0.0, 93.0)],
    shoulder_border=[(28.2, 127.0), (27.2, 118.0), (23.6, 107.0), (18.0, 98.0), (13.0, 91.0)],
    deltoid_t=0.30,
    chest_line=[(40, 170.0), (27.0, 170.0), (14.0, 166.0), (0.0, 162.0)],
    upperback_line=[(40, 169.0), (0.0, 169.0)],
    abdomen_line=[(40, 211.0), (28.0, 211.0), (14.0, 213.0), (0.0, 214.0)],
    lowerback_line=[(40, 212.0), (28.0, 212.0), (14.0, 214.5), (0.0, 215.5)],
    groin_line=[(32.0, 215.0), (22.0, 228.0), (9.0, 242.0), (0.0, 249.0)],
    gluteal_line=[(35.0, 243.0), (25.0, 251.0), (15.0, 254.0), (6.0, 253.0), (0.0, 250.0)],
    elbow_half=8.0, knee_half=10.5,
)


HEAD_SHAPES = {
    "adult": [(0.0, -1.0), (0.52, -0.9), (0.84, -0.64), (0.98, -0.3), (1.0, 0.0), (0.96, 0.3), (0.87, 0.55),
              (0.7, 0.78), (0.42, 0.95), (0.0, 1.0)],
    "child": [(0.0, -1.0), (0.56, -0.89), (0.87, -0.62), (0.995, -0.25), (0.99, 0.08), (0.94, 0.36), (0.82, 0.62),
              (0.6, 0.84), (0.32, 0.97), (0.0, 1.0)],
}


def head_outline(h, kind):
    pts = HEAD_SHAPES[kind]
    ring = pts + [(-x, y) for x, y in reversed(pts[1:-1])]
    ring = [(CX + x * h["rx"], h["cy"] + y * h["ry"]) for x, y in ring]
    return smooth_closed(ring, 0.5)


def ear_outline(cx, cy, rx, ry):
    # a rounded ear, fuller at the top, drawn for the viewer-right side
    pts = [(0.0, -1.0), (0.75, -0.8), (1.0, -0.3), (0.85, 0.35), (0.5, 0.85), (0.0, 1.0), (-0.6, 0.6), (-0.8, -0.4)]
    return smooth_closed([(cx + x * rx, cy + y * ry) for x, y in pts], 0.3)


def hand_local(front, s_len, s_wid):
    """Hand outline in local (u along the hand, v toward the thumb) coordinates, wrist at u=0."""
    L, W = s_len, s_wid
    pts = [
        (0.0, 5.1, False), (3.0, 6.1, False), (7.0, 8.0, False), (11.0, 10.2, False), (15.0, 11.9, False),
        (19.5, 13.1, False), (23.5, 13.7, False), (26.4, 13.2, False), (27.6, 11.8, False), (26.8, 10.6, False),
        (24.0, 9.7, False), (20.4, 8.3, False), (16.8, 6.9, True),  # thumb crotch
        (20.0, 6.9, False), (27.0, 6.6, False), (33.0, 5.7, False), (37.5, 3.8, False), (39.6, 1.0, False),
        (39.6, -1.6, False), (38.0, -4.2, False), (34.5, -6.0, False), (28.0, -6.9, False), (20.0, -7.3, False),
        (12.0, -7.0, False), (5.0, -5.9, False), (0.0, -4.9, False),
    ]
    return [(u * L, v * W, c) for u, v, c in pts]


def finger_lines_local(s_len, s_wid):
    L, W = s_len, s_wid
    return [[(u * L, v * W) for u, v in seg] for seg in (
        [(27.0, 3.4), (37.6, 2.1)],
        [(26.6, 0.2), (39.6, -0.4)],
        [(26.0, -3.0), (37.6, -3.6)],
    )]


def foot_local(front, s):
    """Foot outline relative to the ankle centre (x lateral, y down), viewer-right foot; s = (sx, sy)."""
    if front:
        pts = [(6.3, 1.5), (6.8, 5.0), (7.4, 8.8), (8.6, 13.0), (9.7, 17.0), (10.2, 19.8), (9.4, 21.9), (7.0, 22.8), (3.5, 23.3),
               (0.0, 23.5), (-3.6, 23.7), (-6.6, 23.0), (-7.9, 20.6), (-7.5, 16.5), (-7.0, 11.0), (-6.7, 6.0),
               (-6.3, 2.0)]
    else:
        pts = [(6.2, 1.5), (6.5, 5.0), (6.7, 9.0), (7.3, 14.0), (7.5, 18.4), (6.1, 21.6), (3.2, 23.1), (0.0, 23.5), (-3.3, 23.1),
               (-6.3, 21.6), (-7.7, 18.2), (-7.5, 12.0), (-7.0, 6.0), (-6.4, 1.5)]
    return [(x * s[0], y * s[1]) for x, y in pts]


def toe_lines_local(s):
    return [[(x * s[0], y * s[1]) for x, y in seg] for seg in (
        [(-2.6, 20.4), (-2.4, 23.2)],
        [(1.0, 20.6), (1.2, 23.0)],
        [(4.4, 20.2), (4.7, 22.8)],
        [(7.5, 19.4), (7.9, 22.2)],
    )]


def half_outline(f, front):
    """Viewer-right half of the body outline (x relative to the midline), top of neck to crotch."""
    S, E, W, H, K, A = f["S"], f["E"], f["W"], f["H"], f["K"], f["A"]
    items = [(0.0, f["neck"]["top"], True), (f["neck"]["w"], f["neck"]["top"], True)]
    items += [(x, y, False) for x, y in f["trap"]]
    d_up = unit((E[0] - S[0], E[1] - S[1]))
    n_up = lateral(d_up)
    for angle in f["deltoid"]["angles"]:
        a = math.radians(angle)
        r, r0 = f["deltoid"]["r"], f["deltoid"]["r0"]
        c = (S[0] + (r0 - r) * n_up[0] + 2 * d_up[0], S[1] + (r0 - r) * n_up[1] + 2 * d_up[1])
        v = (math.cos(a) * n_up[0] - math.sin(a) * d_up[0], math.cos(a) * n_up[1] - math.sin(a) * d_up[1])
        items.append((c[0] + r * v[0], c[1] + r * v[1], False))
    items += [(x, y, False) for x, y in limb_points(S, E, f["arm_lat_up"], +1)]
    items += [(x, y, False) for x, y in limb_points(E, W, f["arm_lat_lo"], +1)[:-1]]
    d_fore = unit((W[0] - E[0], W[1] - E[1]))
    turn = math.radians(f["hand_turn"])
    d_hand = (d_fore[0] * math.cos(turn) - d_fore[1] * math.sin(turn), d_fore[0] * math.sin(turn) + d_fore[1] * math.cos(turn))
    hl = hand_local(front, f["hand_len"], f["hand_wid"])
    hand_abs = local_shape(W, d_hand, [(u, v) for u, v, c in hl])
    items += [(p[0], p[1], c) for p, (_, _, c) in zip(hand_abs, hl)]
    items += [(x, y, False) for x, y in limb_points(E, W, f["arm_med_lo"], -1)[1:]]
    items += [(x, y, False) for x, y in limb_points(S, E, f["arm_med_up"], -1)]
    items.append((f["armpit"][0], f["armpit"][1], True))
    items += [(x, y, False) for x, y in f["torso"]]
    items += [(x, y, False) for x, y in limb_points(H, K, f["leg_lat_up"], +1)]
    items += [(x, y, False) for x, y in limb_points(K, A, f["leg_lat_lo"], +1)[:-1]]
    fl = foot_local(front, f["foot"])
    lat_ankle = limb_points(K, A, f["leg_lat_lo"], +1)[-1]
    med_ankle = limb_points(K, A, f["leg_med_lo"], -1)[0]
    items += [(A[0] + x, A[1] + y, False) for x, y in fl]
    items += [(x, y, False) for x, y in limb_points(K, A, f["leg_med_lo"], -1)[1:]]
    items += [(x, y, False) for x, y in limb_points(H, K, f["leg_med_up"], -1)]
    items.append((f["crotch"][0], f["crotch"][1], True))
    extras = dict(
        hand_dir=d_hand,
        fingers=[local_shape(W, d_hand, seg) for seg in finger_lines_local(f["hand_len"], f["hand_wid"])],
        toes=[[(A[0] + x, A[1] + y) for x, y in seg] for seg in toe_lines_local(f["foot"])],
    )
    return smooth_with_corners(items, 0.5), extras


def build(f, front):
    half, extras = half_outline(f, front)
    right = to_abs(half)
    left = to_abs(mirror_pts(half))[::-1]
    body = Polygon(right + left[1:-1]).buffer(0)
    h = f["head"]
    head = Polygon(head_outline(h, f["kind"])).buffer(0)
    e = f["ears"]
    ear = Polygon(ear_outline(CX + e["dx"], h["cy"] + e["dy"], e["rx"], e["ry"])).buffer(0)
    ears = [ear, mirror_geom(ear)]
    headfull = unary_union([head] + ears)
    sil = unary_union([body, headfull])
    sil = sil.buffer(0.9, 32).buffer(-0.9, 32)  # fillet concave joins (jaw/neck, ears)
    return sil, headfull, head, extras


def line_poly_below(pts_right, bottom=460):
    """Polygon below a polyline given for the right half (mirrored across the midline)."""
    r = to_abs(pts_right)
    l = to_abs(mirror_pts(pts_right))[::-1]
    line = l + r[1:] if pts_right[-1][0] == 0 else l + r
    xs = [p[0] for p in line]
    return Polygon(line + [(max(xs) + 100, line[-1][1]), (max(xs) + 100, bottom), (min(xs) - 100, bottom),
                           (min(xs) - 100, line[0][1])]).buffer(0)


def mirrored_line(pts_right):
    """Polyline across the body from the left end to the right end."""
    r = to_abs(pts_right[::-1])  # from midline outward
    l = to_abs(mirror_pts(pts_right))  # from left outside to midline
    return l + r[1:]


def below(pts, bottom=470):
    xs = [p[0] for p in pts]
    return Polygon(pts + [(300, pts[-1][1]), (300, bottom), (-100, bottom), (-100, pts[0][1])]).buffer(0)


def regions(f, front):
    sil, headfull, head, extras = build(f, front)
    side = "front" if front else "back"
    S, E, W, H, K, A = f["S"], f["E"], f["W"], f["H"], f["K"], f["A"]
    Sa, Ea, Wa = (CX + S[0], S[1]), (CX + E[0], E[1]), (CX + W[0], W[1])
    Ha, Ka, Aa = (CX + H[0], H[1]), (CX + K[0], K[1]), (CX + A[0], A[1])
    h = f["head"]
    cells = []  # (base name, geometry for viewer-right, mirror?)

    # head / face / back of head
    if front:
        fo = f["face_oval"]
        oval = affinity.scale(Point(CX, h["cy"] + h["ry"] * fo[0]).buffer(1.0, 96), h["rx"] * fo[1], h["ry"] * fo[2])
        inner = ("face", oval)
    else:
        oval = affinity.scale(Point(CX, h["cy"] + h["ry"] * 0.42).buffer(1.0, 96), h["rx"] * 0.86, h["ry"] * 0.80)
        inner = ("back-of-head", oval)
    right = box(CX, -50, 300, 500)
    left = box(-100, -50, CX, 500)

    def person(viewer_right):
        # front view: the person's left is on the viewer's right
        if front:
            return "left" if viewer_right else "right"
        return "right" if viewer_right else "left"

    out = {}
    taken = Polygon()

    def claim(name, zone):
        nonlocal taken
        g = sil.intersection(zone).difference(taken)
        g = shapely.make_valid(g)
        if g.area > 0:
            out[name] = unary_union([out.get(name, Polygon()), g])
            taken = unary_union([taken, g])

    oval_cy = h["cy"] + h["ry"] * (f["face_oval"][0] if front else 0.42)
    if front:
        # below the oval's widest line, the face runs out to the jaw under the ears
        ovrx = h["rx"] * f["face_oval"][1]
        e = f["ears"]
        y_jaw = h["cy"] + e["dy"] + e["ry"] + 6
        wide = h["rx"] * 1.4
        lower = Polygon([(CX - ovrx, oval_cy), (CX + ovrx, oval_cy), (CX + wide, y_jaw), (CX + wide, 500),
                         (CX - wide, 500), (CX - wide, y_jaw)])
    else:
        lower = box(-100, oval_cy, 300, 500)
    claim(inner[0], unary_union([oval, lower]).intersection(head.buffer(0.01)))
    claim("head", headfull.buffer(0.6, 32))
    collar = mirrored_line(f["collar_front"] if front else f["collar_back"])
    wn = f["collar_front"][0][0]
    neck_zone = Polygon([(CX - wn, -50), (CX + wn, -50)] + collar[::-1]).buffer(0)
    claim("neck", neck_zone)

    d_up = unit((E[0] - S[0], E[1] - S[1]))
    d_lo = unit((W[0] - E[0], W[1] - E[1]))
    L_up = math.dist(S, E)
    L_lo = math.dist(E, W)
    armpit = (CX + f["armpit"][0], f["armpit"][1])
    # arm zone: lateral of a line through the armpit parallel to the upper arm, below the shoulder border
    n_up = lateral(d_up)
    dcut_c = along(Sa, Ea, f["deltoid_t"])
    dcut_lat = offset(dcut_c, n_up, 40)
    dcut_dir = unit((dcut_lat[0] - armpit[0], dcut_lat[1] - armpit[1]))
    far_lat = (armpit[0] + dcut_dir[0] * 300, armpit[1] + dcut_dir[1] * 300)
    far_down = (armpit[0] + d_up[0] * 400, armpit[1] + d_up[1] * 400)
    # arm zone: lateral of a line through the armpit parallel to the upper arm, below the deltoid cut
    arm_zone = Polygon([armpit, far_lat, (far_lat[0] + far_down[0] - armpit[0], far_lat[1] + far_down[1] - armpit[1]),
                        far_down]).buffer(0)
    sb = to_abs(f["shoulder_border"])  # from the armpit up to the collar's end
    shoulder_zone = Polygon([far_lat, armpit] + sb[1:] + [(sb[-1][0], -50), (far_lat[0], -50)]).buffer(0)
    shoulder_zone = shoulder_zone.difference(neck_zone)

    def both(name, zone):
        claim(person(True) + "-" + name, zone.intersection(right))
        claim(person(False) + "-" + name, mirror_geom(zone).intersection(left))

    both("shoulder", shoulder_zone)
    eh = f["elbow_half"]
    both("hand", arm_zone.intersection(halfplane_beyond(Wa, d_lo)))
    both("forearm", arm_zone.intersection(halfplane_beyond(offset(Ea, d_lo, eh), d_lo)))
    both("elbow", arm_zone.intersection(halfplane_beyond(offset(Ea, d_up, -eh), d_up)))
    both("upper-arm", arm_zone)

    d_th = unit((K[0] - H[0], K[1] - H[1]))
    d_sh = unit((A[0] - K[0], A[1] - K[1]))
    kh = f["knee_half"]
    legs = below(mirrored_line(f["groin_line"] if front else f["gluteal_line"]))
    # the leg zones stay on their own side of the midline
    both("foot", right.intersection(halfplane_beyond(Aa, d_sh)))
    both("lower-leg", right.intersection(halfplane_beyond(offset(Ka, d_sh, kh), d_sh)))
    both("knee", right.intersection(halfplane_beyond(offset(Ka, d_th, -kh), d_th)))
    both("thigh", right.intersection(legs))

    if front:
        claim("pelvis", below(mirrored_line(f["abdomen_line"])))
        claim("abdomen", below(mirrored_line(f["chest_line"])))
        claim("chest", box(-100, -50, 300, 500))
    else:
        claim("buttocks", below(mirrored_line(f["lowerback_line"])))
        claim("lower-back", below(mirrored_line(f["upperback_line"])))
        claim("upper-back", box(-100, -50, 300, 500))

    leftover = sil.difference(taken)
    if leftover.area > 0.01:
        print("  leftover area", round(leftover.area, 3), file=sys.stderr)
    reassign(out, leftover)
    fingers = extras["fingers"]
    toes = extras["toes"]
    return sil, out, fingers, toes


def noded_coverage(geoms):
    """Re-cuts the regions from their shared, noded linework so that neighbours share every vertex."""
    from shapely.ops import polygonize
    lines = unary_union([g.boundary for g in geoms])
    faces = list(polygonize(lines))
    buckets = [[] for _ in geoms]
    for face in faces:
        p = face.point_on_surface()
        for i, g in enumerate(geoms):
            if g.contains(p):
                buckets[i].append(face)
                break
    return [unary_union(b) for b in buckets]


def parts(g):
    if g.is_empty:
        return []
    if g.geom_type == "Polygon":
        return [g]
    return [p for p in getattr(g, "geoms", []) if p.geom_type == "Polygon" and not p.is_empty]


def reassign(out, leftover):
    """Moves stray crumbs (small detached parts, leftovers) to the neighbour they share most border with."""
    crumbs = [p for p in parts(leftover) if p.area > 1e-6]
    for name in list(out):
        ps = sorted(parts(out[name]), key=lambda p: -p.area)
        keep = [ps[0]] + [p for p in ps[1:] if p.area > 20]
        crumbs += [p for p in ps[1:] if p.area <= 20]
        out[name] = unary_union(keep)
    for crumb in crumbs:
        best, best_len = None, 0.0
        for name, g in out.items():
            shared = crumb.boundary.intersection(g.buffer(0.02)).length
            if shared > best_len:
                best, best_len = name, shared
        if best is not None:
            out[best] = unary_union([out[best], crumb]).buffer(0)


NAMES = {
    "head": "Head", "face": "Face", "back-of-head": "Back of head", "neck": "Neck", "chest": "Chest",
    "abdomen": "Abdomen", "pelvis": "Pelvis", "upper-back": "Upper back", "lower-back": "Lower back",
    "buttocks": "Buttocks",
}
VIEW_ONLY = {"face", "back-of-head", "chest", "abdomen", "pelvis", "upper-back", "lower-back", "buttocks"}
ORDER_FRONT = ["head", "face", "neck", "left-shoulder", "right-shoulder", "chest", "abdomen", "pelvis"]
ORDER_BACK = ["head", "back-of-head", "neck", "left-shoulder", "right-shoulder", "upper-back", "lower-back", "buttocks"]
LIMBS = ["upper-arm", "elbow", "forearm", "hand", "thigh", "knee", "lower-leg", "foot"]


def region_name(base, side):
    if base in NAMES:
        name = NAMES[base]
    else:
        lr, rest = base.split("-", 1)
        name = lr.capitalize() + " " + rest.replace("-", " ")
    return name if base in VIEW_ONLY else f"{name}, {side}"


def order(front):
    o = list(ORDER_FRONT if front else ORDER_BACK)
    for limb in LIMBS:
        o += ["left-" + limb, "right-" + limb]
    return o


def fmt(v):
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    if s == "-0":
        s = "0"
    return s


def num(tenths):
    """A whole number of tenths of a unit; the drawing groups are scaled by a tenth."""
    return str(tenths)


def num_decimal(tenths):
    neg = tenths < 0
    a = abs(tenths)
    whole, frac = divmod(a, 10)
    text = (str(whole) if whole else "") + ("." + str(frac) if frac else "")
    if not text:
        text = "0"
    return ("-" if neg else "") + text


def join_numbers(values):
    out = ""
    for v in values:
        t = num(v)
        if out and not t.startswith("-"):
            out += " " if out[-1] != "," else ""
        out += t
        last = t
    return out


def ring_d(coords):
    pts = []
    for x, y in list(coords)[:-1]:
        q = (int(round(x * 10)), int(round(y * 10)))
        if pts and q == pts[-1]:
            continue
        pts.append(q)
    while len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    if len(pts) < 3:
        return ""
    values = []
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        values += [x1 - x0, y1 - y0]
    return "M" + join_numbers([pts[0][0], pts[0][1]]) + "l" + join_numbers(values) + "z"


def geom_d(g, min_area=0.5):
    polys = [g] if g.geom_type == "Polygon" else [p for p in getattr(g, "geoms", []) if p.geom_type == "Polygon"]
    polys = [p for p in polys if not p.is_empty and p.area >= min_area]
    d = ""
    for p in polys:
        d += ring_d(p.exterior.coords)
        for r in p.interiors:
            d += ring_d(r.coords)
    return d


def line_d(pts):
    q = [(int(round(x * 10)), int(round(y * 10))) for x, y in pts]
    values = []
    for (x0, y0), (x1, y1) in zip(q, q[1:]):
        values += [x1 - x0, y1 - y0]
    return "M" + join_numbers(list(q[0])) + "l" + join_numbers(values)


def write(f, front, path, tol):
    sil, out, fingers, toes = regions(f, front)
    side = "front" if front else "back"
    names = order(front)
    missing = [n for n in names if n not in out]
    extra = [n for n in out if n not in names]
    assert not missing and not extra, (missing, extra)
    geoms = noded_coverage([out[n] for n in names])
    assert shapely.coverage_is_valid(geoms), "regions do not form a clean coverage"
    simp = shapely.coverage_simplify(geoms, tol)
    simp = [shapely.make_valid(g) for g in simp]
    union = shapely.union_all(simp, grid_size=0.1)
    who = "a child's" if f["kind"] == "child" else "an adult's"
    lines = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 440" class="bodymap-outline" aria-labelledby="t">',
        f'<title id="t">Outline of {who} body, {side}</title>',
    ]
    if front:
        lines.append("<!-- Front view: left and right are the person's own, so their left side is on the viewer's right. -->")
    else:
        lines.append("<!-- Back view: left and right are the person's own, which here match the viewer's left and right. -->")
    lines.append("<!-- Region ids are r-<region>; data-region holds <region>, e.g. left-forearm-" + side + ". Paths are drawn"
                 " in tenths of a unit inside groups scaled by .1, so marks are still x, y in the 200 x 440 box. -->")
    lines.append('<g class="regions" transform="scale(.1)" fill="#fff" stroke="#9a9a9a" stroke-width="5" stroke-linejoin="round">')
    for n, g in zip(names, simp):
        rid = f"{n}-{side}"
        lines.append(f'<path id="r-{rid}" class="region" data-region="{rid}" d="{geom_d(g)}"><title>{region_name(n, side)}</title></path>')
    lines.append("</g>")
    detail = []
    for seg in fingers:
        detail.append(line_d(to_abs(seg)))
        detail.append(line_d(to_abs(mirror_pts(seg))))
    if front:
        for seg in toes:
            detail.append(line_d(to_abs(seg)))
            detail.append(line_d(to_abs(mirror_pts(seg))))
    lines.append('<g class="outline" transform="scale(.1)" fill="none" stroke="#333" stroke-linecap="round" stroke-linejoin="round" pointer-events="none">')
    lines.append(f'<path class="details" stroke="#777" stroke-width="5" d="{"".join(detail)}"/>')
    lines.append(f'<path class="silhouette" stroke-width="13" d="{"".join(ring_d(p.exterior.coords) for p in parts(union) if p.area > 5)}"/>')
    lines.append("</g>")
    lines.append("</svg>")
    text = "\n".join(lines) + "\n"
    with open(path, "w") as fh:
        fh.write(text)
    print(path, len(text), "bytes", file=sys.stderr)


def to_abs_keep(seg):
    return seg  # finger lines are already absolute (built from absolute wrist)


def mirror_abs(seg):
    return [(2 * CX - x, y) for x, y in seg]


def absolutise(f):
    return f


if __name__ == "__main__":
    import os
    os.makedirs(OUT, exist_ok=True)
    tol = 0.25
    for f in (CHILD, ADULT):
        for front in (True, False):
            name = f"{f['kind']}-{'front' if front else 'back'}.svg"
            write(f, front, os.path.join(OUT, name), tol)
