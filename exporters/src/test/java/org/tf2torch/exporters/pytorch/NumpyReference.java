package org.tf2torch.exporters.pytorch;

/** NumPy implementations of ONNX ops for the reference side of the checks, independent of torch. */
final class NumpyReference {
    private NumpyReference() {}

    /** conv, max_pool and avg_pool on N,C,H,W with ONNX pads [h_begin, w_begin, h_end, w_end], in float64. */
    static final String SPATIAL = """
            def pad4(x, pads, value):
                return np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])), constant_values=value)


            def windows(x, k, s):
                n, c, h, w = x.shape
                oh = (h - k[0]) // s[0] + 1
                ow = (w - k[1]) // s[1] + 1
                out = np.empty((n, c, oh, ow, k[0], k[1]), x.dtype)
                for i in range(k[0]):
                    for j in range(k[1]):
                        out[..., i, j] = x[:, :, i:i + s[0] * (oh - 1) + 1:s[0], j:j + s[1] * (ow - 1) + 1:s[1]]
                return out


            def conv(x, w, b, s, pads, d=(1, 1), groups=1):
                x = pad4(x.astype(np.float64), pads, 0.0)
                n, c, h, wd = x.shape
                m, cg, kh, kw = w.shape
                oh = (h - (d[0] * (kh - 1) + 1)) // s[0] + 1
                ow = (wd - (d[1] * (kw - 1) + 1)) // s[1] + 1
                out = np.zeros((n, m, oh, ow))
                mg = m // groups
                for g in range(groups):
                    xs = x[:, g * cg:(g + 1) * cg]
                    for i in range(kh):
                        for j in range(kw):
                            patch = xs[:, :, i * d[0]:i * d[0] + s[0] * (oh - 1) + 1:s[0],
                                       j * d[1]:j * d[1] + s[1] * (ow - 1) + 1:s[1]]
                            out[:, g * mg:(g + 1) * mg] += np.einsum("nchw,mc->nmhw", patch,
                                                                     w[g * mg:(g + 1) * mg, :, i, j])
                if b is not None:
                    out += b[None, :, None, None]
                return out


            def max_pool(x, k, s, pads):
                return windows(pad4(x.astype(np.float64), pads, -np.inf), k, s).max(axis=(-2, -1))


            def avg_pool(x, k, s, pads, include_pad):
                if include_pad:
                    return windows(pad4(x.astype(np.float64), pads, 0.0), k, s).mean(axis=(-2, -1))
                return np.nanmean(windows(pad4(x.astype(np.float64), pads, np.nan), k, s), axis=(-2, -1))


            """;
}
