import torch

torch.manual_seed(0)

x = torch.tensor([-1.0, 0.0, 4.0], requires_grad=True)
y = torch.where(x > 0, x.sqrt(), 0.0)  # (1)!
print(y)
y.sum().backward()
print(x.grad)  # (2)!
