import torch
import torch.nn.functional as F

torch.manual_seed(0)

a = torch.rand(3, requires_grad=True)
p = F.softmax(a, dim=0)

for i in range(3):
    p[i].backward(retain_graph=True)  # (1)!
print(a.grad)

a.grad = None
p.sum().backward()  # (2)!
print(a.grad)
print(p.sum().item())

d = torch.tensor([0.125, 0.2230])
gap = torch.nextafter(d, torch.ones(2)) - d  # (3)!
print(gap, (gap == 2**-26).all().item())
