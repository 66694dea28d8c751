import torch
import torch.nn.functional as F

torch.manual_seed(0)

a = torch.rand(3, requires_grad=True)
p = F.softmax(a, dim=0)
print(a)
print(p)

rows = [torch.autograd.grad(p[i], a, retain_graph=True)[0] for i in range(3)]  # (1)!
print(torch.stack(rows))
