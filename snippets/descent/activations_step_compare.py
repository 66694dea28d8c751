import torch

torch.manual_seed(0)

x = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
y = (x > 0).float()  # (1)!
print(y)
print(y.requires_grad, y.grad_fn)
y.sum().backward()
