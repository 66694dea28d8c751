import torch

torch.manual_seed(0)

x = torch.tensor(3.0, requires_grad=True)
c = x.detach()  # (1)!
print(c, c.requires_grad, c.is_leaf)

(x * c).backward()  # (2)!
print(x.grad)

c += 1  # (3)!
print(x)
