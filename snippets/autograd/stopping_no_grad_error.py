import torch

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x**2
print(y)

with torch.no_grad():
    x.mul_(10)  # (1)!
y.sum().backward()
