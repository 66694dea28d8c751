import torch
from torch import nn

torch.manual_seed(0)

depth, width = 30, 128
X, target = torch.randn(256, width), torch.randn(256, width)
torch.manual_seed(1)
layers = [nn.Linear(width, width) for _ in range(depth)]
for layer in layers:
    nn.init.normal_(layer.weight, std=0.2)  # (1)!
    nn.init.zeros_(layer.bias)
net = nn.Sequential(*[m for layer in layers for m in (layer, nn.ReLU())])

nn.functional.mse_loss(net(X), target).backward()
before = torch.cat([p.grad.flatten() for p in net.parameters()]).double()
total = nn.utils.clip_grad_norm_(net.parameters(), max_norm=1.0)  # (2)!
after = torch.cat([p.grad.flatten() for p in net.parameters()]).double()

print(f"total norm returned (before clipping): {total.item():.1e}")
print(f"norm after clipping: {after.norm().item():.4f}")
cos = torch.dot(before, after) / (before.norm() * after.norm())
print("same direction (cosine > 1 - 1e-6):", cos.item() > 1 - 1e-6)  # (3)!
