import os

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)

x = torch.linspace(-5, 5, 401, requires_grad=True)
functions = [("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("ReLU", torch.relu)]

fig, axes = plt.subplots(3, 1, figsize=(4.6, 7), sharex=True)
for ax, (name, f) in zip(axes, functions):
    y = f(x)
    (dy,) = torch.autograd.grad(y.sum(), x)  # (1)!
    ax.plot(x.detach(), y.detach(), label=f"{name}(x)")
    ax.plot(x.detach(), dy, "--", label=f"{name}'(x)")
    ax.axhline(0, color="gray", lw=0.5)
    ax.axvline(0, color="gray", lw=0.5)
    ax.set_title(name)
    ax.legend(loc="upper left")
    print(f"{name:8s} max derivative", dy.max())
axes[-1].set_xlabel("x")
fig.tight_layout()

os.makedirs("build/figures/descent", exist_ok=True)
plt.rcParams["svg.hashsalt"] = "gradients-executed"
plt.rcParams["svg.fonttype"] = "none"  # text stays text, translated per language
plt.savefig("build/figures/descent/activations_curves.svg", metadata={"Date": None})
