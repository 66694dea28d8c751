import torch
import torch.nn.functional as F

torch.manual_seed(0)

a = torch.rand(3, requires_grad=True)
p = F.softmax(a, dim=0)
for i in range(3):
    p[i].backward(retain_graph=True)  # (1)!
print("max |a.grad| < 1e-6:", a.grad.abs().max().item() < 1e-6)  # (2)!
print(f"p.sum() = {p.sum().item():.4f}")
