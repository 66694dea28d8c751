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
loop = [grad(loss_one)(params, X[i], y[i]) for i in range(6)]
print("vmap == loop:", all(torch.allclose(per_sample[name], torch.stack([g[name] for g in loop]))
                           for name in params))
nn.functional.mse_loss(model(X), y).backward()
print("mean == batch gradient:", all(torch.allclose(per_sample[name].mean(0), p.grad)  # (3)!
                                     for name, p in model.named_parameters()))
norms = per_sample["weight"].flatten(1).norm(dim=1)
print("per-sample |grad W|:", [round(n, 2) for n in norms.tolist()])
