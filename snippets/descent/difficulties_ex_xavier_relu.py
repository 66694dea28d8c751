import torch
from torch import nn

torch.manual_seed(0)

depth, width = 30, 128
X, target = torch.randn(256, width), torch.randn(256, width)

torch.manual_seed(1)
layers = [nn.Linear(width, width) for _ in range(depth)]
for layer in layers:
    nn.init.xavier_normal_(layer.weight)
    nn.init.zeros_(layer.bias)
h = X
for layer in layers:
    h = torch.relu(layer(h))
nn.functional.mse_loss(h, target).backward()
g = [layer.weight.grad.double().norm().item() for layer in layers]

print("relu + xavier_normal: |grad W| at layers 1, 15, 30:", "  ".join(f"{g[i]:.1e}" for i in (0, 14, 29)))
print(f"output std {h.std().item():.1e}, input std {X.std().item():.2f}, 0.5**15 = {0.5**15:.1e}")
