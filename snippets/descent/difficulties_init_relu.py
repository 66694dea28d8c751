import math

import torch
from torch import nn

torch.manual_seed(0)

depth, width = 30, 128
X, target = torch.randn(256, width), torch.randn(256, width)


def grad_norms(act, init=None, keep_bias=False):
    torch.manual_seed(1)
    layers = [nn.Linear(width, width) for _ in range(depth)]
    for layer in layers:
        if init is not None:
            init(layer.weight)
        if not keep_bias:
            nn.init.zeros_(layer.bias)
    h = X
    for layer in layers:
        h = act(layer(h))
    nn.functional.mse_loss(h, target).backward()
    return [layer.weight.grad.double().norm().item() for layer in layers], h.detach().double().std().item()


inits = {  # name: (initializer, standard deviation of the weights, keep the random biases)
    "default       ": (None, 1 / math.sqrt(3 * width), False),
    "default + bias": (None, 1 / math.sqrt(3 * width), True),
    "normal(0.01)  ": (lambda w: nn.init.normal_(w, std=0.01), 0.01, False),
    "normal(0.2)   ": (lambda w: nn.init.normal_(w, std=0.2), 0.2, False),  # (1)!
    "kaiming_normal": (lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"), math.sqrt(2 / width), False),  # (2)!
}
print("relu, 30 layers: a = std * sqrt(width/2); output std; |grad W| at layers 1, 15, 30; min, max over all 30")
for name, (init, std, keep_bias) in inits.items():
    g, out_std = grad_norms(torch.relu, init, keep_bias)
    print(name, f"a = {std * math.sqrt(width / 2):.2f}  out {out_std:.1e} |", "  ".join(f"{g[i]:.1e}" for i in (0, 14, 29)),
          f"| {min(g):.1e}, {max(g):.1e}")
print(f"a = 1.6: a**30 = {1.6**30:.1e}, a**60 = {1.6**60:.1e}")  # (3)!
