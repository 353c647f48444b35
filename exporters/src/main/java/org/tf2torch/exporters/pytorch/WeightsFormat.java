package org.tf2torch.exporters.pytorch;

/** How the state_dict is written next to model.py. */
public enum WeightsFormat {
    /** {@code model.safetensors}: no pickle at all; loads with {@code safetensors.torch.load_file}. */
    SAFETENSORS("model.safetensors"),
    /** {@code model.pt}: a {@code torch.save} zip that loads with {@code torch.load(..., weights_only=True)}. */
    PT("model.pt");

    private final String fileName;

    WeightsFormat(String fileName) { this.fileName = fileName; }

    public String fileName() { return fileName; }
}
