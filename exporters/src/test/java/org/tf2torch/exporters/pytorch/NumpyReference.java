package org.tf2torch.exporters.pytorch;

/** NumPy implementations of ONNX ops for the reference side of the checks, independent of torch. */
final class NumpyReference {
    private NumpyReference() {}

    /**
     * conv, max_pool and avg_pool over any number of spatial dims (N, C, spatial...), ONNX pads
     * {@code [x1_begin, x2_begin, ..., x1_end, x2_end]}, computed in float64.
     */
    static final String SPATIAL = """
            import itertools


            def pad_nd(x, pads, value):
                n = len(pads) // 2
                return np.pad(x.astype(np.float64), [(0, 0), (0, 0)] + [(pads[i], pads[i + n]) for i in range(n)],
                              constant_values=value)


            def windows(x, k, s, d=None):
                d = d or (1,) * len(k)
                sp = x.shape[2:]
                o = [(sp[i] - (d[i] * (k[i] - 1) + 1)) // s[i] + 1 for i in range(len(k))]
                out = np.empty(x.shape[:2] + tuple(o) + tuple(k), x.dtype)
                for off in itertools.product(*[range(kk) for kk in k]):
                    idx = tuple(slice(off[i] * d[i], off[i] * d[i] + s[i] * (o[i] - 1) + 1, s[i]) for i in range(len(k)))
                    out[(Ellipsis,) + off] = x[(slice(None), slice(None)) + idx]
                return out


            def conv(x, w, b, s, pads, d=None, groups=1):
                sp = len(s)
                win = windows(pad_nd(x, pads, 0.0), w.shape[2:], s, d)
                cg, mg = w.shape[1], w.shape[0] // groups
                outs = []
                for g in range(groups):
                    part = np.tensordot(win[:, g * cg:(g + 1) * cg], w[g * mg:(g + 1) * mg].astype(np.float64),
                                        axes=([1] + list(range(2 + sp, 2 + 2 * sp)), [1] + list(range(2, 2 + sp))))
                    outs.append(np.moveaxis(part, -1, 1))
                out = np.concatenate(outs, 1)
                if b is not None:
                    out += b.reshape((1, -1) + (1,) * sp)
                return out


            def max_pool(x, k, s, pads):
                return windows(pad_nd(x, pads, -np.inf), k, s).max(axis=tuple(range(-len(k), 0)))


            def avg_pool(x, k, s, pads, include_pad):
                axes = tuple(range(-len(k), 0))
                if include_pad:
                    return windows(pad_nd(x, pads, 0.0), k, s).mean(axis=axes)
                return np.nanmean(windows(pad_nd(x, pads, np.nan), k, s), axis=axes)


            """;
}
