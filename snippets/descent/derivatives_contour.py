import os

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)


def f(x, y):
    return x**2 + 2 * y**2 + torch.sin(x * y)


xs = torch.linspace(-2, 2, 201, dtype=torch.float64)
X, Y = torch.meshgrid(xs, xs, indexing="xy")
Z = f(X, Y)

g = torch.linspace(-1.5, 1.5, 7, dtype=torch.float64)
PX, PY = torch.meshgrid(g, g, indexing="xy")
PX.requires_grad_()
PY.requires_grad_()
f(PX, PY).sum().backward()  # (1)!
GX, GY = PX.grad, PY.grad

formula_x = 2 * PX.detach() + PY.detach() * torch.cos(PX.detach() * PY.detach())
formula_y = 4 * PY.detach() + PX.detach() * torch.cos(PX.detach() * PY.detach())

fig, ax = plt.subplots(figsize=(4.6, 4.4))
cs = ax.contour(X, Y, Z, levels=[0.25, 1, 2, 3.5, 5, 7, 9.5], cmap="viridis")
ax.clabel(cs, fontsize=8)
ax.quiver(PX.detach(), PY.detach(), GX, GY, angles="xy", scale_units="xy",
          scale=14, color="tab:red", width=0.004)  # (2)!
ax.set_aspect("equal")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.set_title(r"$f(x,y)=x^2+2y^2+\sin(xy)$,  $\nabla f$")
os.makedirs("build/figures/descent", exist_ok=True)
plt.rcParams["svg.hashsalt"] = "gradients-executed"
plt.rcParams["svg.fonttype"] = "none"  # text stays text, translated per language
plt.savefig("build/figures/descent/derivatives_contour.svg", metadata={"Date": None})
print(GX.numel(), "arrows; autograd matches formula:",
      torch.allclose(GX, formula_x) and torch.allclose(GY, formula_y))
