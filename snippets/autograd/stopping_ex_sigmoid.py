import torch

torch.manual_seed(0)

x = torch.tensor([0.0, 1.0], requires_grad=True)
y = x.sigmoid()  # saves its output y, not x
x.data.mul_(10)
y.sum().backward()

s = torch.tensor([0.0, 1.0]).sigmoid()
print(x.grad)
print(s * (1 - s))  # the formula at the x that produced y
