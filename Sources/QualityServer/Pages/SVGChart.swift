/// Inline SVG charts: no script, no external resource, readable by screen readers through `<title>`s,
/// and printable. Every coordinate is written with two decimals so the bytes are deterministic.
enum SVGChart {
    struct Segment {
        var label: String
        var value: Double
        var colour: String
    }

    /// One horizontal bar of segments laid end to end, `scaleMax` wide.
    static func stackedBar(
        _ w: inout HTMLWriter, id: String, title: String, segments: [Segment], scaleMax: Double,
        width: Double = 260, height: Double = 18
    ) {
        svgOpen(&w, id: id, title: title, width: width, height: height, cls: "chart bar")
        w.open(
            "rect", ["class": "track", "x": "0", "y": "0", "width": n(width), "height": n(height), "fill": "#eef1f4"])
        w.close("rect")
        var x = 0.0
        let scale = scaleMax > 0 ? width / scaleMax : 0
        for s in segments where s.value > 0 {
            let length = min(s.value * scale, max(0, width - x))
            w.open(
                "rect",
                ["x": n(x), "y": "0", "width": n(length), "height": n(height), "fill": s.colour, "stroke": "#fff"])
            w.element("title", text: s.label)
            w.close("rect")
            x += length
        }
        w.raw("</svg>")
    }

    /// A line over `labels` (x) with `values` (y, nil leaves a gap); `inverted` puts `yMin` at the top
    /// (for ranks, where 1 is best).
    static func line(
        _ w: inout HTMLWriter, id: String, title: String, labels: [String], values: [Double?], yMin: Double,
        yMax: Double, ticks: [Double], inverted: Bool = false, colour: String = "#2f6fb0",
        tickText: ((Double) -> String)? = nil, text: (Double) -> String
    ) {
        let width = 520.0
        let height = 190.0
        let (left, right, top, bottom) = (48.0, 36.0, 12.0, 30.0)
        let plotW = width - left - right
        let plotH = height - top - bottom
        let span = yMax - yMin == 0 ? 1 : yMax - yMin
        func y(_ v: Double) -> Double {
            let f = (v - yMin) / span
            return inverted ? top + f * plotH : top + (1 - f) * plotH
        }
        func x(_ i: Int) -> Double {
            labels.count <= 1 ? left + plotW / 2 : left + Double(i) * plotW / Double(labels.count - 1)
        }
        svgOpen(&w, id: id, title: title, width: width, height: height, cls: "chart line")
        for t in ticks {
            w.open("line", ["x1": n(left), "x2": n(width - right), "y1": n(y(t)), "y2": n(y(t)), "stroke": "#d5dbe2"])
            w.close("line")
            w.element(
                "text", ["x": n(left - 6), "y": n(y(t) + 4), "text-anchor": "end"], text: tickText?(t) ?? text(t))
        }
        for (i, label) in labels.enumerated() {
            w.element("text", ["x": n(x(i)), "y": n(height - 10), "text-anchor": "middle"], text: label)
        }
        var run: [String] = []
        func flush(_ w: inout HTMLWriter) {
            if run.count > 1 {
                w.open(
                    "polyline",
                    ["points": run.joined(separator: " "), "fill": "none", "stroke": colour, "stroke-width": "2"])
                w.close("polyline")
            }
            run = []
        }
        for (i, v) in values.enumerated() {
            guard let v else {
                flush(&w)
                continue
            }
            run.append(n(x(i)) + "," + n(y(v)))
        }
        flush(&w)
        for (i, v) in values.enumerated() {
            guard let v else { continue }
            w.open("circle", ["cx": n(x(i)), "cy": n(y(v)), "r": "4", "fill": colour])
            w.element("title", text: (labels.indices.contains(i) ? labels[i] + ": " : "") + text(v))
            w.close("circle")
        }
        w.raw("</svg>")
    }

    private static func svgOpen(
        _ w: inout HTMLWriter, id: String, title: String, width: Double, height: Double, cls: String
    ) {
        w.open(
            "svg",
            [
                "class": cls, "id": id, "width": n(width), "height": n(height),
                "viewBox": "0 0 \(n(width)) \(n(height))", "role": "img", "aria-labelledby": id + "-title",
            ])
        w.element("title", ["id": id + "-title"], text: title)
    }

    private static func n(_ v: Double) -> String { PageFormat.fixed(v) }
}
