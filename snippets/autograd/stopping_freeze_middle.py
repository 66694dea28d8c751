import torch
from torch import nn

torch.manual_seed(0)

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 1))
x = torch.randn(8, 3)


def has_grad():
    return "  ".join(f"layer {i}: {model[i].weight.grad is not None}" for i in (0, 2, 4))


model[2].requires_grad_(False)  # (1)!
model(x).pow(2).mean().backward()
print("layer 2 frozen, gradient reaches ->", has_grad())

model.zero_grad()
h = model[:2](x).detach()  # (2)!
model[2:](h).pow(2).mean().backward()
print("and detach() before layer 2      ->", has_grad())
