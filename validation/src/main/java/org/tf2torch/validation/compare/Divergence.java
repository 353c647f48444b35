package org.tf2torch.validation.compare;

/**
 * The first node whose value differs between TensorFlow and PyTorch, found by comparing intermediate values after
 * an output failed. Any field but {@code message} may be null when the localizer could not tell.
 *
 * @param backend   the backend whose intermediates were compared
 * @param sample    the input sample used
 * @param tfNode    the TensorFlow node name
 * @param tfOp      the TensorFlow op type ({@code Conv2D})
 * @param irNode    the IR node that node became
 * @param maxAbsErr largest absolute error of that node's value
 * @param maxRelErr largest relative error of that node's value
 * @param message   one line for people, e.g. what the localizer compared or why it stopped
 */
public record Divergence(String backend, int sample, String tfNode, String tfOp, String irNode, double maxAbsErr,
        double maxRelErr, String message) {
    public String describe() {
        StringBuilder sb = new StringBuilder("first divergence");
        if (tfNode != null) sb.append(" at TF node ").append(tfNode);
        if (tfOp != null) sb.append(" (").append(tfOp).append(')');
        if (irNode != null) sb.append(", IR node ").append(irNode);
        if (!Double.isNaN(maxAbsErr)) sb.append(": max abs err ").append(Format.sci(maxAbsErr));
        if (!Double.isNaN(maxRelErr)) sb.append(", max rel err ").append(Format.sci(maxRelErr));
        if (message != null && !message.isEmpty()) sb.append(" - ").append(message);
        return sb.toString();
    }
}
