package org.tf2torch.validation.compare;

/**
 * An allclose tolerance: an element passes when {@code |actual - expected| <= atol + rtol * |expected|}.
 * Both zero means exact equality.
 */
public record Tolerance(double rtol, double atol) {
    public static final Tolerance EXACT = new Tolerance(0, 0);

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0) || Double.isInfinite(rtol) || Double.isInfinite(atol)) {
            throw new IllegalArgumentException("tolerances must be finite and >= 0, got rtol=" + rtol
                    + " atol=" + atol);
        }
    }

    public boolean isExact() { return rtol == 0 && atol == 0; }

    /** {@code rtol=1e-04 atol=1e-05}, or {@code exact}. */
    @Override
    public String toString() {
        return isExact() ? "exact" : "rtol=" + Format.sci(rtol) + " atol=" + Format.sci(atol);
    }
}
