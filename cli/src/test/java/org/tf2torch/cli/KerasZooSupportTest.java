package org.tf2torch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The transpose counter must see a round trip between convolutions and ignore the boundary transposes. */
class KerasZooSupportTest {
    private static final String HEAD = "class M(nn.Module):\n    def __init__(self) -> None:\n"
            + "        self.conv = nn.Conv2d(3, 8, kernel_size=(3, 3))\n"
            + "    def forward(self, x: torch.Tensor) -> torch.Tensor:\n";

    @Test
    void countsRoundTripBetweenChannelsFirstOps() {
        String py = HEAD
                + "        a = x.permute(0, 3, 1, 2)  # tf \"in\"\n"
                + "        b = self.conv(a)  # tf \"conv\"\n"
                + "        c = b.permute(0, 2, 3, 1)  # tf \"t\"\n"
                + "        d = F.relu(c)\n"
                + "        e = d.permute(0, 3, 1, 2)\n"
                + "        f = F.max_pool2d(e, [2, 2])\n"
                + "        g = f.permute(0, 2, 3, 1)\n"
                + "        return g\n";
        assertEquals(List.of("c = b.permute(0, 2, 3, 1)", "e = d.permute(0, 3, 1, 2)"),
                KerasZooSupport.transposesBetweenChannelsFirstOps(py));
    }

    @Test
    void boundaryAndAttentionTransposesDoNotCount() {
        String py = HEAD
                + "        a = x.permute(0, 3, 1, 2)\n"
                + "        b = self.conv(a)\n"
                + "        c = b.permute(0, 2, 3, 1)\n"
                + "        k = c.reshape(-1, 4, 8)\n"
                + "        s = torch.matmul(k, k.transpose(1, 2))\n"
                + "        return s\n";
        assertEquals(List.of(), KerasZooSupport.transposesBetweenChannelsFirstOps(py));
    }
}
