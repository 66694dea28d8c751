import torch
from torch import nn

torch.manual_seed(0)

X, y = torch.randn(32, 4), torch.randn(32, 1)
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
params = list(model.parameters())


def grads():
    g = torch.cat([p.grad.flatten() for p in params])
    model.zero_grad()
    return g


nn.functional.mse_loss(model(X), y).backward()  # (1)!
full = grads()

for xb, yb in zip(X.split(8), y.split(8)):  # (2)!
    (nn.functional.mse_loss(model(xb), yb) / 4).backward()  # (3)!
accumulated = grads()

for xb, yb in zip(X.split(8), y.split(8)):
    nn.functional.mse_loss(model(xb), yb).backward()  # (4)!
undivided = grads()

print("max |accumulated - full batch| < 1e-6:", (accumulated - full).abs().max().item() < 1e-6)
print(f"without / 4: {(undivided.norm() / full.norm()).item():.2f} times the full-batch gradient")
