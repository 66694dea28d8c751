import os

import matplotlib.pyplot as plt
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
    return [layer.weight.grad.double().norm().item() for layer in layers]


small = lambda w: nn.init.normal_(w, std=0.01)
kaiming = lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu")
panels = {
    "tanh": {"default": None, "default + bias": None, "normal(0.01)": small, "xavier": nn.init.xavier_normal_},
    "ReLU": {"default": None, "default + bias": None, "normal(0.01)": small,
             "normal(0.2)": lambda w: nn.init.normal_(w, std=0.2), "kaiming": kaiming},
}
colors = {"default": "C0", "default + bias": "C0", "normal(0.01)": "C1", "xavier": "C2", "kaiming": "C2",
          "normal(0.2)": "C3"}
fig, axes = plt.subplots(2, 1, figsize=(4.6, 6.4), sharex=True)
for ax, (act_name, inits) in zip(axes, panels.items()):
    act = getattr(torch, act_name.lower())
    for name, init in inits.items():
        keep_bias = name == "default + bias"  # (1)!
        ax.semilogy(range(1, depth + 1), grad_norms(act, init, keep_bias), marker=".", color=colors[name],
                    linestyle="--" if keep_bias else "-", label=name)
    ax.set_title(f"{act_name} network")
    ax.set_ylabel("|grad W| (Frobenius)")
    ax.legend(loc="center left", bbox_to_anchor=(1, 0.5))
axes[-1].set_xlabel("layer")
fig.tight_layout()

os.makedirs("build/figures/descent", exist_ok=True)
plt.rcParams["svg.hashsalt"] = "gradients-executed"
plt.rcParams["svg.fonttype"] = "none"  # text stays text, translated per language
plt.savefig("build/figures/descent/difficulties_init.svg", metadata={"Date": None})
print("saved build/figures/descent/difficulties_init.svg")
