import torch

torch.manual_seed(0)

x = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
y = torch.heaviside(x, torch.tensor(0.0))  # (1)!
print(y)
y.sum().backward()
