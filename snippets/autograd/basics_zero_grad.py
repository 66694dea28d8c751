import torch

torch.manual_seed(0)

x = torch.ones(2, 2, requires_grad=True)
(3 * (x + 2) ** 2).mean().backward()

x.grad.zero_()  # (1)!
x.sum().backward()
print(x.grad)

x.grad = None  # (2)!
x.sum().backward()
print(x.grad)
