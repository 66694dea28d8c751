import torch
from torch import nn
from torch.func import functional_call, grad, vmap

torch.manual_seed(0)

model = nn.Linear(3, 1).double()
params = {name: p.detach() for name, p in model.named_parameters()}
X = torch.randn(6, 3, dtype=torch.float64)
y = torch.randn(6, 1, dtype=torch.float64)


def loss_one(params, x, t):  # (1)!
    pred = functional_call(model, params, (x.unsqueeze(0),))
    return ((pred - t) ** 2).mean()


per_sample = vmap(grad(loss_one), in_dims=(None, 0, 0))(params, X, y)  # (2)!
print({name: tuple(g.shape) for name, g in per_sample.items()})
loop = torch.stack([grad(loss_one)(params, X[i], y[i])["weight"] for i in range(6)])
print("vmap == loop:", torch.allclose(per_sample["weight"], loop))
nn.functional.mse_loss(model(X), y).backward()
g = per_sample["weight"]
print("mean == batch gradient:", torch.allclose(g.mean(0), model.weight.grad))  # (3)!
print("per-sample |grad W|:", [round(n, 2) for n in g.flatten(1).norm(dim=1).tolist()])
