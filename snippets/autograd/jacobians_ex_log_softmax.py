import torch
import torch.nn.functional as F

torch.manual_seed(0)

a = torch.rand(3, dtype=torch.float64, requires_grad=True)
F.log_softmax(a, dim=0).sum().backward()

p = F.softmax(a.detach(), dim=0)
print(a.grad)
print(1 - 3 * p)
print("a.grad == 1 - 3p:", torch.allclose(a.grad, 1 - 3 * p))
