import torch
import torch.nn.functional as F

torch.manual_seed(0)

a = torch.rand(5, dtype=torch.float64, requires_grad=True)
v = torch.randn(5, dtype=torch.float64)

p = F.softmax(a, dim=0)
p.backward(v)

q = p.detach()
vjp = q * (v - (q * v).sum())  # (1)!

print(a.grad)
print(vjp)
print("backward(v) == formula:", torch.allclose(a.grad, vjp))
