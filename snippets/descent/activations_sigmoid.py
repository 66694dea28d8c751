import torch

torch.manual_seed(0)

x = (torch.arange(-60, 61, dtype=torch.float64) / 10).requires_grad_()  # (1)!
s = torch.sigmoid(x)
(auto,) = torch.autograd.grad(s.sum(), x)  # (2)!

s = s.detach()
closed = s * (1 - s)  # (3)!
h = 1e-6
numeric = (torch.sigmoid(x.detach() + h) - torch.sigmoid(x.detach() - h)) / (2 * h)

print("x       ", x.detach()[::30], f"({x.numel()} points)")
print("autograd", auto[::30])
print("max |autograd - closed form|", (auto - closed).abs().max())
print("max |numeric  - closed form| < 1e-8:", (numeric - closed).abs().max().item() < 1e-8)
