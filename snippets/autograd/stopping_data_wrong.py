import torch

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x**2  # (1)!
print(y)

x.data.mul_(10)  # (2)!
y.sum().backward()

print(x.grad)  # (3)!
print(2 * torch.tensor([1.0, 2.0]))  # (4)!
